module example.test/spdxrange

go 1.22
