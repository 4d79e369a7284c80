// Package posixlocale keeps the C.UTF-8 locale, the default of many Linux
// containers and minimal installs, from making Fyne log "Error parsing user
// locale C" on every start, CLI commands included. The locale library Fyne
// uses knows "C" and "POSIX" but reads "C.UTF-8" as a language named "C".
//
// cmd/horas imports it for its init, which runs before Fyne's: Go
// initialises packages in import-path order once their own imports are
// ready, and this path sorts before the locale library's
// (github.com/jeandeaual/go-locale), which Fyne's lang package waits for.
package posixlocale

import (
	"os"
	"strings"
)

func init() { apply(os.Getenv, os.Setenv) }

// apply sets LANGUAGE=en when the locale that decides messages is C.<charset>
// and LANGUAGE is unset. GNU gettext ignores LANGUAGE under the C locale, so
// programs Horas starts (a PDF viewer) see no change.
func apply(getenv func(string) string, setenv func(string, string) error) {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") && getenv("LANGUAGE") == "" {
			setenv("LANGUAGE", "en")
		}
		return
	}
}
