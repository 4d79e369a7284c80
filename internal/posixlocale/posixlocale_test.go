package posixlocale

import "testing"

func TestApply(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"CUTF8", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"CUTF8InLCAll", map[string]string{"LC_ALL": "C.utf8", "LANG": "es_ES.UTF-8"}, "en"},
		{"RealLocale", map[string]string{"LANG": "es_ES.UTF-8"}, ""},
		{"PlainC", map[string]string{"LANG": "C"}, ""},
		{"LCAllWins", map[string]string{"LC_ALL": "it_IT.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"LanguageKept", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "es"}, "es"},
		{"Unset", map[string]string{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = v
			}
			apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if got := env["LANGUAGE"]; got != tc.want {
				t.Fatalf("LANGUAGE = %q, want %q", got, tc.want)
			}
		})
	}
}
