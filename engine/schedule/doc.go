// Package schedule holds the diffusion schedulers of Kino's neural backend as
// pure functions: noise schedules, timestep spacing, sigmas and the update
// rule of each sampler, following the formulas published with Hugging Face
// diffusers. Nothing here touches a model; a Sampler only turns a model's
// output into the next latent.
//
// Supported samplers: Euler, Euler ancestral, DDIM (eta = 0), LCM and
// flow-matching Euler. Every formula is computed in float64 for the scalars
// and float32 for the latents; diffusers computes its schedule in float32, so
// schedule values agree with it to about 1e-6 relative.
//
// Noise is a seeded Gaussian generator whose output is bit-identical on every
// platform, so a render is reproducible from its seed.
package schedule
