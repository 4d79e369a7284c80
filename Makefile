# Horas: `make run` opens the app, `make test` runs every check CI runs.
# Both install the Debian/Ubuntu packages they need when they are missing.

SHELL       := /bin/bash
GO          ?= go
GOBIN       := $(shell $(GO) env GOPATH)/bin
STATICCHECK := $(GOBIN)/staticcheck
STATICCHECK_VERSION := v0.8.2
BIN         := bin/horas

# Fyne's desktop driver is cgo over OpenGL and X11.
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
# The real-window test runs under Xvfb, clicks with xdotool and screenshots
# with ImageMagick (mesa draws GL in software); PDF checks read text with
# poppler's pdftotext.
TEST_DEPS  := xvfb xauth libgl1-mesa-dri xdotool imagemagick poppler-utils

.PHONY: run test build deps test-deps lint unit smoke bench clean

run: deps build
	./$(BIN) $(ARGS)

build:
	$(GO) build -o $(BIN) ./cmd/horas

# apt-get install what `dpkg -s` says is missing, as root or through sudo.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if ! command -v apt-get >/dev/null; then echo "install these packages first:$$missing" >&2; exit 1; fi; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
		echo "installing:$$missing"; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_DEPS))

test-deps: deps
	$(call apt_install,$(TEST_DEPS))

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

lint: $(STATICCHECK)
	@bad=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

unit: build
	HORAS_BIN=$(CURDIR)/$(BIN) $(GO) test -race -count=1 ./...

# A real window under Xvfb: seeds a database, opens the app, saves a screenshot.
smoke: build
	LANG=en_US.UTF-8 HORAS_BIN=$(CURDIR)/$(BIN) xvfb-run -a -s "-screen 0 1280x800x24" \
		$(GO) test -count=1 -tags smoke -run TestSmokeWindow -v ./cmd/horas

test: test-deps lint unit smoke

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
