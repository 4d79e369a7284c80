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

// formDialog is the frame every form dialog shares: the form, a red line for
// the service's one-line refusal, Cancel, and the action as the primary
// button. Dialogs embed it, so d, errLabel, cancel and submit are theirs.
type formDialog struct {
	d        *dialog.CustomDialog
	errLabel *widget.Label
	cancel   *widget.Button
	submit   *widget.Button
}

func newFormDialog(w fyne.Window, title, action string, body fyne.CanvasObject, onSubmit func()) formDialog {
	f := formDialog{errLabel: errorLabel()}
	f.submit = widget.NewButtonWithIcon(action, theme.ConfirmIcon(), onSubmit)
	f.submit.Importance = widget.HighImportance
	f.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(body, f.errLabel), w)
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.d.Hide)
	f.d.SetButtons([]fyne.CanvasObject{f.cancel, f.submit})
	fitDialog(f.d)
	return f
}

// errorLabel is the hidden red line a refusal is shown in.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}
