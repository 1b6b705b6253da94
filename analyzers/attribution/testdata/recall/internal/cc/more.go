// Copyright 2020 Picture Studio

package cc
