package widget

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WithheldView says why a shot's active take is withheld and what the
// person can do about it.
type WithheldView struct {
	// Reason is the short reason: "@sam revoked consent".
	Reason string
	// Handles are the cast cameos that must go before the shot can be
	// generated again ("regenerate without them"); empty when the
	// cameos are no longer cast.
	Handles []string
	// Usable is set when the shot has another take that may be shown.
	Usable bool
	// Count is how many of the shot's takes are withheld.
	Count int
}

// WithheldBanner tells that the selected shot's take is withheld and
// offers the three ways on: regenerate without the cameo, choose another
// take, or delete the withheld takes (the right of the person depicted to
// have them removed).
type WithheldBanner struct {
	widget.BaseWidget

	// OnRegenerateWithout removes handles from the cast and generates.
	OnRegenerateWithout func(handles []string)
	// OnChooseOther makes another usable take active.
	OnChooseOther func()
	// OnDeleteWithheld deletes the shot's withheld takes (undoable until
	// the project closes).
	OnDeleteWithheld func()

	view   WithheldView
	label  *widget.Label
	regen  *widget.Button
	choose *widget.Button
	del    *widget.Button
	root   *fyne.Container
}

// NewWithheldBanner returns a hidden banner.
func NewWithheldBanner() *WithheldBanner {
	b := &WithheldBanner{}
	b.ExtendBaseWidget(b)
	b.label = widget.NewLabel("")
	b.label.Wrapping = fyne.TextWrapWord
	b.label.Importance = widget.DangerImportance
	b.regen = widget.NewButtonWithIcon("Regenerate without", theme.ViewRefreshIcon(), func() {
		if b.OnRegenerateWithout != nil {
			b.OnRegenerateWithout(b.view.Handles)
		}
	})
	b.choose = widget.NewButtonWithIcon("Choose another take", theme.ConfirmIcon(), func() {
		if b.OnChooseOther != nil {
			b.OnChooseOther()
		}
	})
	b.del = widget.NewButtonWithIcon("Delete withheld takes", theme.DeleteIcon(), func() {
		if b.OnDeleteWithheld != nil {
			b.OnDeleteWithheld()
		}
	})
	b.root = container.NewVBox(wrapBox(b.label), container.NewGridWrap(fyne.NewSize(200, 36), b.regen, b.choose, b.del))
	b.Hide()
	return b
}

// CreateRenderer implements fyne.Widget.
func (b *WithheldBanner) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.root)
}

// Set shows v, or hides the banner when v is nil.
func (b *WithheldBanner) Set(v *WithheldView) {
	if v == nil {
		b.view = WithheldView{}
		showIf(b, false)
		return
	}
	b.view = *v
	b.label.SetText("Withheld: " + v.Reason + ". This take is not played, shown or exported.")
	if len(v.Handles) > 0 {
		b.regen.SetText("Regenerate without " + strings.Join(v.Handles, ", "))
	} else {
		b.regen.SetText("Regenerate")
	}
	enable(b.choose, v.Usable)
	b.del.SetText("Delete withheld takes (" + itoa(v.Count) + ")")
	showIf(b, true)
	b.Refresh()
}

// View returns what the banner shows (for tests).
func (b *WithheldBanner) View() WithheldView { return b.view }

// RegenerateButton, ChooseButton and DeleteButton return the banner's
// buttons (for tests).
func (b *WithheldBanner) RegenerateButton() *widget.Button { return b.regen }

// ChooseButton returns the "Choose another take" button.
func (b *WithheldBanner) ChooseButton() *widget.Button { return b.choose }

// DeleteButton returns the "Delete withheld takes" button.
func (b *WithheldBanner) DeleteButton() *widget.Button { return b.del }

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
