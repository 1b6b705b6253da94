// Copyright 2010 Lib Authors

package lib
