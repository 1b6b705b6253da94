module example.test/gclfixture

go 1.26.0
