module example.test/attrmod

go 1.22
