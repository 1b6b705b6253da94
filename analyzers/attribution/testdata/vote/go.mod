module example.test/vote

go 1.22
