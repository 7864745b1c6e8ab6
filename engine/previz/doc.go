// Package previz is Kino's built-in procedural engine: a deterministic
// animatic renderer that turns a shot's prompt into moving pictures with
// sound, with no model files, on any machine.
//
// Generate reads the request into a scene plan (engine/scene), schedules
// its timed events (firework bursts, lightning), speaks its dialogue
// (engine/foley, whose loudness envelope drives the lip motion), and
// prepares everything about the clip that does not change from frame to
// frame: the light and sky table, the scenery outlines, the ground, where
// every subject stands, the cameos cut out of their reference images and
// scaled to their on-screen size, the stars, the style's grade. It returns
// a lazy clip: RenderFrame(i) draws frame i directly from its index, so
// scrubbing to frame N never draws frames 0..N-1, and nothing is carried
// from one frame to the next (particles are closed-form functions of time
// and seed). The soundtrack is rendered once, on first use, by foley.
//
// # Picture
//
// A frame is a 2.5D stack of layers, back to front: the backdrop (a sky
// gradient by time of day and weather, or a wall with windows, a stage, a
// starfield, open water), the sun or moon, stars, drifting clouds, the
// events (fireworks, lightning), far and middle scenery silhouettes
// (hills, mountains with snowcaps, tree lines, dunes, a skyline with lit
// windows), the ground in perspective (grass, sand with an animated sea
// and sun glitter, a street, a plank floor, a sea bed with caustics),
// standing scenery and subjects sorted by depth, foreground particles
// (rain, snow, confetti, sparks, bubbles), then fog, the lightning flash
// and the style's grade (noir, vintage, cartoon, neon, cinematic).
//
// Rooms are built from a spec (rooms.go): wall, windows and what they look
// out on (sky, fields going by, a tunnel, an airfield, stained glass),
// floor, light by day and night, furniture. Exteriors with water keep a
// shore the people stand on (places.go); roads, rivers and rails are
// bands across the ground (bands.go) that vehicles are placed on, and that
// are laid where the setting lacks one, so a car never stands in a field
// and a boat never sits on grass. A coast's lighthouse turns its beam
// after dark.
//
// Each frame is worked out once (camera, the ground's row-to-depth map,
// each ridge's outline per column, and display lists of shapes) and then
// drawn in horizontal bands on GOMAXPROCS goroutines, or in one band when
// several frames render at once. Every primitive clips to its band and a
// pixel's value never depends on the split, so frames are byte-identical
// however they are drawn. Drawing writes straight into the RGBA buffer
// with row spans and fixed-point steps; a frame allocates nothing beyond
// a pooled scratch state. The drawing itself (bands, shapes, display
// lists, colours, the noise texture, cut-outs and sprites, the style's
// grade) is the raster sub-package; this package is the scene content:
// what is drawn where, and when.
//
// # Camera
//
// Layer positions are in frame heights from the frame's centre. When the
// camera pans LEFT the scene content moves RIGHT in the frame (and a pan
// right moves it left); a tilt UP moves the content DOWN (the horizon
// sinks); a dolly in scales the layers up about the frame's centre; an
// orbit sweeps the background one way and the foreground the other about
// the subject; handheld adds seeded smooth wobble; aerial raises the
// horizon and flies forward over the ground. Each layer takes its own
// share of a move (parallax): the sky least, then the far scenery, the
// middle scenery, the ground by depth, the subjects. The shot size sets
// where the horizon and the main subject stand: a wide shot shows whole
// people about a third of the frame tall, a medium shot from the waist up,
// a close-up the head and shoulders.
//
// # Cameos
//
// A cameo's reference image becomes a cut-out character (see
// raster.MakeCutout for the background removal and its limits), relit by the scene's key light.
// A whole-body picture stands on the figure's feet; a head-and-shoulders
// picture sits on a drawn body in its clothes' colour. It breathes and
// sways, walks, runs, dances, waves or sits as the plan says, and while
// its handle speaks its head lifts and a mouth opens with the loudness of
// the line. People without a cameo are drawn as stylised figures with walk
// cycles, animals and props as simple silhouettes.
package previz
