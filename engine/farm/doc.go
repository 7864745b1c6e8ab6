// Package farm renders shots on a Flamenco render farm, Blender Studio's
// open-source farm manager, used as it is: Kino writes one self-contained
// render request per shot into the farm's shared folder, submits a job of
// the kino-shots type (one task per shot, each running `kino render`), and
// collects the finished takes into the project through the store's normal
// path.
//
// Workers never open a project database (SQLite's locks are not safe on
// network filesystems): a request carries everything a render needs, the
// cameo images by content hash and the signed consent records, and a task
// writes only into its own folder. Consent is judged again on the worker,
// with the revocations Kino writes into the shared folder's
// farm/revocations, so a revocation made after submitting still stops the
// render.
package farm
