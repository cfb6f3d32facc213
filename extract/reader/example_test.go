package reader_test

import (
	"fmt"
	"strings"

	"github.com/stancegraph/stancegraph/extract/reader"
)

func ExampleRead() {
	src := "---\ndelegation: China\n---\n**Statement**\n\nChina calls\n\nupon all parties to abide by the norms.\n\n- 2 -\n"
	d, err := reader.Read("statement.md", strings.NewReader(src), reader.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Format, d.Encoding, d.Language, d.Meta["delegation"])
	fmt.Println(d.Text)
	// Output:
	// md utf-8 en China
	// Statement
	//
	// China calls upon all parties to abide by the norms.
}
