// Copyright 2024 Majority Maker

package vote
