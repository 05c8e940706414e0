# OAuth Apps Manager: build, test and run. Target names follow the Mattermost
# plugin starter template. Everything a target needs is installed by these
# files (npm ci, Go modules, tools into .cache/); see README.md.

SHELL := /bin/bash
GO ?= go
NPM ?= npm
PLUGIN_ID := $(shell node -p "require('./plugin.json').id")
PLUGIN_VERSION := $(shell node -p "require('./plugin.json').version")
BUNDLE := dist/$(PLUGIN_ID)-$(PLUGIN_VERSION).tar.gz
PLATFORMS := linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64
GOLANGCI_LINT_VERSION := v2.6.2
TOOLS := $(CURDIR)/.cache/bin
GO_SOURCES := $(shell find server -name '*.go' -o -name '*.json' -o -name go.mod -o -name go.sum)
TS_SOURCES := $(shell find webapp/src -type f) webapp/webpack.config.js tsconfig.json plugin.json server/command/grammar.json

.PHONY: all dist server webapp test test-all check-style deploy run e2e bench load fuzz parity clean help

## all: check style, run unit tests and build the bundle
all: check-style test dist

help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

## server: build the Go half for every platform in plugin.json
server: $(foreach p,$(PLATFORMS),server/dist/plugin-$(p)$(if $(findstring windows,$(p)),.exe,))

server/dist/plugin-%: $(GO_SOURCES)
	cd server && CGO_ENABLED=0 GOOS=$(word 1,$(subst -, ,$(basename $*))) GOARCH=$(word 2,$(subst -, ,$(basename $*))) \
		$(GO) build -trimpath -ldflags '-s -w' -o dist/plugin-$* .

## webapp: build webapp/dist/main.js
webapp: webapp/dist/main.js

webapp/dist/main.js: node_modules/.package-lock.json $(TS_SOURCES)
	$(NPM) run --silent build

# The development build, for the browser tests: it must load on a production host too.
webapp/dist/dev/main.js: node_modules/.package-lock.json $(TS_SOURCES)
	$(NPM) run --silent build:dev -- --output-path webapp/dist/dev

## dist: build the installable bundle dist/<id>-<version>.tar.gz
dist: $(BUNDLE)

$(BUNDLE): server webapp/dist/main.js plugin.json $(wildcard assets/*) $(wildcard webapp/i18n/*.json)
	rm -rf dist/$(PLUGIN_ID) && mkdir -p dist/$(PLUGIN_ID)/server/dist dist/$(PLUGIN_ID)/webapp/dist
	cp plugin.json dist/$(PLUGIN_ID)/
	cp -r assets dist/$(PLUGIN_ID)/
	@# Translations for the server half (pluginapi/i18n reads active.<lang>.json; English is built in).
	mkdir -p dist/$(PLUGIN_ID)/assets/i18n
	for f in webapp/i18n/*.json; do lang=$$(basename $$f .json); [ "$$lang" = en ] || cp $$f dist/$(PLUGIN_ID)/assets/i18n/active.$$lang.json; done
	cp server/dist/plugin-* dist/$(PLUGIN_ID)/server/dist/
	cp webapp/dist/main.js dist/$(PLUGIN_ID)/webapp/dist/
	tar -C dist -czf $@ $(PLUGIN_ID)
	rm -rf dist/$(PLUGIN_ID)
	@echo "Bundle: $@"

## test: unit tests, Go and TypeScript (quick; no server needed)
test: node_modules/.package-lock.json
	cd server && $(GO) test -count=1 ./...
	$(NPM) run --silent test

HOST_SOURCES := e2e/browser/host.tsx e2e/browser/webpack.config.js
HOSTS := e2e/browser/dist/e2e-host.js e2e/browser/dist/e2e-host19.js e2e/browser/dist/e2e-host19-dev.js

e2e/browser/dist/e2e-host.js: node_modules/.package-lock.json $(HOST_SOURCES)
	$(NPM) run --silent build:host

# The React 19 stand-in's libraries: a package of their own, apart from the root's React 18.
e2e/host19/node_modules/.package-lock.json: e2e/host19/package.json e2e/host19/package-lock.json
	$(NPM) ci --prefix e2e/host19 --no-audit --no-fund
	@touch $@

e2e/browser/dist/e2e-host19.js: node_modules/.package-lock.json e2e/host19/node_modules/.package-lock.json $(HOST_SOURCES)
	$(NPM) run --silent build:host19

# The same at React's development build: its warnings fail the browser tests.
e2e/browser/dist/e2e-host19-dev.js: node_modules/.package-lock.json e2e/host19/node_modules/.package-lock.json $(HOST_SOURCES)
	npx --no-install webpack --mode=development --config e2e/browser/webpack.config.js --env react=19

## e2e: integration and browser tests against a real Mattermost server with PostgreSQL
e2e: dist webapp/dist/dev/main.js $(HOSTS)
	bash e2e/run.sh test

## test-all: every test there is: style, unit, parity and real-server (the README's test command)
test-all: check-style test parity e2e

FUZZ_RUNS ?= 100000
PARITY_ORACLE := $(TOOLS)/parity-oracle
PARITY_TS := node --import tsx scripts/parity/oracle.ts

$(PARITY_ORACLE): $(GO_SOURCES)
	cd server && $(GO) build -o $@ ./internal/parity/oracle

## fuzz: generated commands, URLs and texts through both halves (FUZZ_RUNS each, default 100,000); 0 differences or it fails
fuzz: node_modules/.package-lock.json $(PARITY_ORACLE)
	PARITY_PEER=$(PARITY_ORACLE) FUZZ_RUNS=$(FUZZ_RUNS) $(NPM) run --silent fuzz
	@for target in FuzzCommand FuzzURL FuzzRender; do \
		out=$$(cd server && PARITY_PEER="$(PARITY_TS)" PARITY_DIR=$(CURDIR) $(GO) test ./internal/parity -run '^$$' \
			-fuzz "^$$target\$$" -fuzztime $(FUZZ_RUNS)x 2>&1) || { echo "$$out"; exit 1; }; \
		echo "go fuzz $$target: $$(echo "$$out" | grep -o 'execs: [0-9]*' | tail -1 | cut -d' ' -f2) inputs, 0 differences with the TypeScript half"; \
	done

## parity: a quick, fixed-seed fuzz run (part of test-all)
parity: node_modules/.package-lock.json $(PARITY_ORACLE)
	PARITY_PEER=$(PARITY_ORACLE) FUZZ_RUNS=5000 FUZZ_SEED=42 $(NPM) run --silent fuzz
	cd server && PARITY_PEER="$(PARITY_TS)" PARITY_DIR=$(CURDIR) $(GO) test -count=1 ./internal/parity

## check-style: eslint, tsc --noEmit, the i18n catalogue (webapp/i18n/en.json up to date), go vet and golangci-lint
check-style: node_modules/.package-lock.json $(TOOLS)/golangci-lint
	$(NPM) run --silent lint
	$(NPM) run --silent i18n-check
	$(NPM) run --silent check-types
	cd server && $(GO) vet ./...
	cd server && $(TOOLS)/golangci-lint run ./...

$(TOOLS)/golangci-lint:
	GOBIN=$(TOOLS) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

## bench: benchmarks that print figures: the console query in node; on a real server at 10,000 and 100,000 apps, the read model against REST paging, searches, the console in Chromium, listings under churn
bench: dist $(HOSTS)
	npx --no-install tsx webapp/bench/query_bench.ts
	bash e2e/run.sh bench

## load: simulated users (LOAD_USERS, default 50) run /oauth verbs and plugin routes against a real server at 1,000 and 10,000 apps, and the same mix straight to REST; prints throughput, latency percentiles, errors, the plugin's peak RSS, CPU and goroutines
load: dist
	bash e2e/run.sh load

## run: build, start PostgreSQL + Mattermost with the plugin, and wait (or deploy to MM_SERVICESETTINGS_SITEURL)
run: dist $(HOSTS)
	@if [ -n "$$MM_SERVICESETTINGS_SITEURL" ]; then $(MAKE) --no-print-directory deploy; else bash e2e/run.sh serve; fi

## deploy: upload and enable the bundle on MM_SERVICESETTINGS_SITEURL (MM_ADMIN_TOKEN, or MM_ADMIN_USERNAME + MM_ADMIN_PASSWORD)
deploy: dist node_modules/.package-lock.json
	npx --no-install tsx scripts/deploy.ts $(BUNDLE)

## clean: remove build output (keeps the cached Mattermost server and tools in .cache/)
clean:
	rm -rf dist server/dist webapp/dist e2e/.run e2e/browser/dist e2e/artifacts
