//toslint:ignore TOS202 -- cleared with the author, notice pending
// Copyright (c) 2018 Pending Author

package m

func Pending() {}
