module example.test/nonotice

go 1.22
