// Copyright 2020 Listed Holder. All rights reserved.

package m

func Listed() {}
