package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// heading is a bold section title.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// muted is secondary text in the placeholder colour: dates, rates, local
// times, hints. A label's low importance is the disabled colour, too faint
// to read all day.
type muted struct {
	*widget.RichText
	seg *widget.TextSegment
}

func newMuted(text string) *muted {
	seg := &widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}}
	return &muted{RichText: widget.NewRichText(seg), seg: seg}
}

func (m *muted) Text() string { return m.seg.Text }

func (m *muted) SetText(text string) {
	if m.seg.Text != text {
		m.seg.Text = text
		m.Refresh()
	}
}

// emptyState is a calm message with a hint of what to do next.
func emptyState(title, hint string) fyne.CanvasObject {
	l := widget.NewLabel(title)
	l.TextStyle.Bold = true
	l.Alignment = fyne.TextAlignCenter
	h := newMuted(hint)
	h.seg.Style.Alignment = fyne.TextAlignCenter
	h.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(l, h))
}

// showInline puts a refusal inside a dialog, which grows to fit it and stays
// open with what was typed.
func showInline(d dialog.Dialog, l *widget.Label, err error) {
	l.SetText(err.Error())
	l.Show()
	fitDialog(d)
}

// dialogWidth leaves room for a one-line refusal beside the form labels.
const dialogWidth = 520

func fitDialog(d dialog.Dialog) {
	d.Resize(d.MinSize().Max(fyne.NewSize(dialogWidth, 0)))
}
