// Copyright 2015 Jane Roe // want `TOS202: copyright of "Jane Roe" is neither the module.s own`

package recall
