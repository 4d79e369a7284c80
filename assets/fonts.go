package assets

import _ "embed"

// Noto Sans, for the PDF documents: it has every currency symbol the app
// prints (€ £ ¥ ₹ ₩ ₱ zł R$) and the Latin letters of client names, which
// the PDF core fonts lack. Licensed under the SIL OFL 1.1 (fonts/OFL.txt).
var (
	//go:embed fonts/NotoSans-Regular.ttf
	FontRegular []byte

	//go:embed fonts/NotoSans-Bold.ttf
	FontBold []byte

	// FontLicense is the OFL text that must travel with the fonts, for an
	// about screen or a licences listing.
	//
	//go:embed fonts/OFL.txt
	FontLicense string
)
