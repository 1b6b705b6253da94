// Copyright 2020 Picture Studio // want `TOS202: internal/cc/ carries its own license file \(LICENSE\) but its license is not one whose text alone is the notice`

package cc
