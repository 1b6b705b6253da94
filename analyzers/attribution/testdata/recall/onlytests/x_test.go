// Copyright 2014 Jane Roe // want `TOS202: copyright of "Jane Roe"`

package onlytests
