// The annotation gives the license of a file that declares none.
package reused // want `TOS203: CC-BY-SA-4.0 is not the module.s license`
