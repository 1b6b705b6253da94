// Copyright 2024 Quite Different Person

package vote
