package command

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

type renderVector struct {
	Context string `json:"context"`
	Input   string `json:"input"`
	Output  string `json:"output"`
}

var renderers = map[string]func(string) string{
	"text":      MdText,
	"code":      MdCode,
	"cell_code": MdCellCode,
	"quote":     QuoteInput,
}

// TestRenderVectors pins the escaping of every hostile value in every
// context; webapp/src/slash/markdown.test.ts runs the same file.
func TestRenderVectors(t *testing.T) {
	var hostile []string
	readJSON(t, "hostile.json", &hostile)
	var vectors []renderVector
	if *update {
		for _, context := range []string{"text", "code", "cell_code", "quote"} {
			for _, in := range hostile {
				vectors = append(vectors, renderVector{context, in, renderers[context](in)})
			}
		}
		writeJSON(t, "render_vectors.json", vectors)
		return
	}
	readJSON(t, "render_vectors.json", &vectors)
	assert.Len(t, vectors, 4*len(hostile), "render_vectors.json is stale: go test ./command -update")
	for _, v := range vectors {
		assert.Equal(t, v.Output, renderers[v.Context](v.Input), "%s(%q)", v.Context, v.Input)
	}
}

func TestCapAnswer(t *testing.T) {
	short := "a\nb"
	assert.Equal(t, short, CapAnswer(short, "more"))
	long := ""
	for len(long) < 20000 {
		long += "| row | `code` |\n"
	}
	capped := CapAnswer(long, "*The answer was cut here: it is longer than one post can hold.* Use --filter.")
	assert.Less(t, len([]rune(capped)), 16383)
	assert.Contains(t, capped, "\n\n*The answer was cut here: it is longer than one post can hold.* Use --filter.")
	before, _, _ := strings.Cut(capped, "\n\n*The answer")
	assert.True(t, strings.HasSuffix(before, "| row | `code` |"), "cut at a line break, after a whole row")
}
