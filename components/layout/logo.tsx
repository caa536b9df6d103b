import Image from "next/image";

/** The mark and wordmark (public/logo.svg); its alt text names the product for the link around it. */
export function Logo({ height = 24 }: { height?: number }) {
  // The SVG's viewBox is 156 × 32.
  return <Image src="/logo.svg" alt="Docuhooks" width={Math.round((height * 156) / 32)} height={height} priority />;
}
