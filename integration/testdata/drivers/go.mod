module example.test/drivers

go 1.24
