// Copyright 2011 Unlisted Authors

package unlisted // want `TOS202: third_party/unlisted carries its own license but the module.s notices file does not name unlisted`
