// FNV-1a, 64-bit (Fowler, Noll & Vo; IETF draft-eastlake-fnv, offset basis and prime from §2):
// for each byte, hash = (hash XOR byte) × prime mod 2⁶⁴.

const FNV64_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;

export function fnv1a64(bytes: Uint8Array): bigint {
	let hash = FNV64_OFFSET_BASIS;
	for (const byte of bytes) {
		hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * FNV64_PRIME);
	}
	return hash;
}

/** FNV-1a 64 of the UTF-8 encoding of `text`. */
export function fnv1a64OfText(text: string): bigint {
	return fnv1a64(new TextEncoder().encode(text));
}
