// Copyright 2013 Mixed Authors

package mixed
