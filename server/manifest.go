package main

// manifestID is plugin.json's id (manifest_test.go keeps them equal).
const manifestID = "oauth-manager"
