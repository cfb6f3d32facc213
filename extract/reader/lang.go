package reader

import (
	"strings"
	"unicode"
)

// stopWords are frequent short words of the Latin-script languages that
// DetectLanguage tells apart.
var stopWords = map[string]map[string]bool{
	"en": wordSet(`the and of to in is that for it with as on be by this are we our have has not which from its at will`),
	"fr": wordSet(`le la les et des du de un une est que qui pour dans en nous sur au aux par pas ce cette sont avec il elle`),
	"es": wordSet(`el la los las y de del que en un una es por para con se su sus al lo como más nuestro nuestra este esta`),
}

// DetectLanguage returns the language tag of text: "ar", "ru" or "zh"
// when most letters are Arabic, Cyrillic or Han, and "en", "fr" or "es"
// by counting frequent words when most are Latin; "und" when it cannot
// tell. It looks at the first 8,000 bytes only.
func DetectLanguage(text string) string {
	if len(text) > 8000 {
		text = strings.ToValidUTF8(text[:8000], "")
	}
	var latin, cyr, arab, han, letters int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Arabic, r):
			arab++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	if letters < 20 {
		return "und"
	}
	switch {
	case han*3 > letters:
		return "zh" // Han characters are dense: a third outweighs Latin runs
	case cyr*2 > letters:
		return "ru"
	case arab*2 > letters:
		return "ar"
	case latin*2 <= letters:
		return "und"
	}
	score := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		for lang, set := range stopWords {
			if set[w] {
				score[lang]++
			}
		}
	}
	best, bestN, second := "und", 0, 0
	for _, lang := range []string{"en", "fr", "es"} {
		switch n := score[lang]; {
		case n > bestN:
			best, bestN, second = lang, n, bestN
		case n > second:
			second = n
		}
	}
	// Demand a clear lead and a minimum share of stop words.
	if bestN < 3 || bestN*10 < words || bestN < second*3/2 {
		return "und"
	}
	return best
}
