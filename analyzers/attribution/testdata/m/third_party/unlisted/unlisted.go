// Copyright 2011 Unlisted Authors

// Package unlisted is a copied unit: its own MIT LICENSE names the holder
// and is the notice its source copies need.
package unlisted
