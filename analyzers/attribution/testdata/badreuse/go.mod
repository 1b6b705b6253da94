module example.test/badreuse

go 1.22
