// Package c2pa writes and reads C2PA Content Credentials: signed manifests
// that say who made a file, with what and from what, bound to the file's
// bytes by a hash.
//
// A manifest store is JUMBF (ISO 19566-5) boxes: the store holds
// manifests; a manifest holds an assertion store, a claim (CBOR) that lists
// every assertion by a hash of its box, and a signature, a COSE_Sign1
// (RFC 9052) over the claim made with an X.509 certificate chain. One
// assertion, the hard binding, hashes the asset's bytes: c2pa.hash.bmff.v3
// for ISO BMFF (MP4, a 'uuid' box before the first 'mdat', chunk offsets
// moved to make room), c2pa.hash.data with the manifest's own bytes excluded
// for JPEG (APP11 segments), PNG (a caBX chunk) and RIFF (WAV, AVI: a C2PA
// chunk), and c2pa.hash.data over the whole file for a sidecar FILE.c2pa
// beside formats that cannot carry one.
//
// Sign and its helpers write C2PA 2.x claims (c2pa.claim.v2). Verify reads
// 1.x and 2.x claims: it checks the signature, the certificate profile,
// every assertion's hash and the hard binding, streaming the asset so a
// file of any size is read in bounded memory.
//
// CBOR is encoded and decoded with github.com/fxamacker/cbor/v2 and COSE
// with github.com/veraison/go-cose; certificates and signatures come from
// the standard library.
package c2pa
