package previz

import "kino/engine/previz/raster"

// namedColors are the colours a prompt can give a person's clothes, an
// animal's coat or a prop (scene.Subject.Color).
var namedColors = map[string]raster.RGB{
	"red": {R: 196, G: 36, B: 40}, "blue": {R: 40, G: 80, B: 190}, "green": {R: 50, G: 140, B: 60}, "yellow": {R: 236, G: 196, B: 40},
	"black": {R: 28, G: 28, B: 32}, "white": {R: 236, G: 236, B: 232}, "grey": {R: 128, G: 130, B: 134}, "brown": {R: 120, G: 78, B: 44},
	"orange": {R: 236, G: 120, B: 30}, "pink": {R: 236, G: 130, B: 170}, "purple": {R: 120, G: 60, B: 160}, "turquoise": {R: 40, G: 190, B: 190},
	"bright": {R: 250, G: 90, B: 150},
}

// namedColor looks a colour name up.
func namedColor(name string) (raster.RGB, bool) {
	c, ok := namedColors[name]
	return c, ok
}
