// SPDX-License-Identifier: MIT

// The file's own declaration wins over the annotation (closest).
package reused
