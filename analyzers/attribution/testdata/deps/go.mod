module example.test/deps

go 1.22

require example.test/dep v1.0.0

replace example.test/dep => ../depsrc
