// Copyright 2012 Odd Terms Authors // want `TOS202: third_party/unknown/ carries its own license file \(LICENSE\) but toslint cannot identify its license`

package unknown
