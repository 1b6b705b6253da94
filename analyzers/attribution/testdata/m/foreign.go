/* Copyright (c) 2019 Foreign Person <foreign@example.test> */ // want `TOS202: copyright of "Foreign Person" is neither the module.s own nor named in its notices or a LICENSE beside this code \(add a NOTICE entry`

package m

func Foreign() {}
