// Copyright 2020 Unit Maker

// Package unit is a copied folder whose Creative Commons license does not
// make its text the notice.
package unit
