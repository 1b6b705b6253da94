// Copyright 2018 Third Party Co.

package spdxrange
