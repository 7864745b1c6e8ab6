package previz

// namedColors are the colours a prompt can give a person's clothes, an
// animal's coat or a prop (scene.Subject.Color).
var namedColors = map[string]rgb{
	"red": {196, 36, 40}, "blue": {40, 80, 190}, "green": {50, 140, 60}, "yellow": {236, 196, 40},
	"black": {28, 28, 32}, "white": {236, 236, 232}, "grey": {128, 130, 134}, "brown": {120, 78, 44},
	"orange": {236, 120, 30}, "pink": {236, 130, 170}, "purple": {120, 60, 160}, "turquoise": {40, 190, 190},
	"bright": {250, 90, 150},
}

// namedColor looks a colour name up.
func namedColor(name string) (rgb, bool) {
	c, ok := namedColors[name]
	return c, ok
}
