/* Copyright 2018 The Example Authors */ // want `TOS202: copyright of "The Example Authors" is neither .* and the module carries no text of Apache-2.0`

/* Licensed under the Apache License, Version 2.0 (the "License"); */

package nonotice
