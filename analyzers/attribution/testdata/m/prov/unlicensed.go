// Copyright 2021 Listed Holder

package prov

// Adapted from https://git.example.test/listed/queue // want `TOS204: code taken from https://git.example.test/listed/queue has no author and license`
func Queue() {} // the header names a holder but no license: the source still needs both
