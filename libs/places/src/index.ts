export { fold } from './fold';
export { countryCode, countryName, isCountry } from './countries';
export { hasCodedRegions, regionByCode, regionOf, type Region } from './regions';
export { cityKey } from './cities';
export { countryOffsets, offsetsWithin, regionOffsets, zoneOffset, type UtcOffsets } from './time-zones';
export {
  compareAt,
  distanceKm,
  DOMINANCE,
  dominantCity,
  inCountries,
  METRO_RADIUS_KM,
  normalisePlace,
  sameMetro,
  samePlace,
  utcOffsetsOf,
  WELL_KNOWN_POPULATION,
  type InferredPart,
  type NormalisedPlace,
  type PlaceInput,
  type PlaceLevel,
} from './place';
