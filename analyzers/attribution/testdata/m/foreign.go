/* Copyright (c) 2019 Foreign Person <foreign@example.test> */ // want `TOS202: copyright of "Foreign Person" is neither the module's own nor listed in its notices file`

package m

func Foreign() {}
