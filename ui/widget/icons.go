package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Icons Fyne's theme lacks, drawn as SVG so the theme can recolour them.
var (
	starOutlineIcon = theme.NewThemedResource(fyne.NewStaticResource("star-outline.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8zM12 6.9l-1.7 3.6-3.9.5 2.9 2.7-.8 3.9L12 15.6l3.5 2-.8-3.9 2.9-2.7-3.9-.5z"/></svg>`)))
	starFilledIcon = theme.NewPrimaryThemedResource(fyne.NewStaticResource("star-filled.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z"/></svg>`)))
)
