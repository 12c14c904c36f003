import IonCore

extension ClusterAnalysis {
    /// Folds one frame's clusters (``size``, ``cationsIn``, ``charge`` at each root) into the
    /// fractions, the size and charge histograms and the series.
    mutating func record(time: Double?, index: Int) {
        let species = speciesCount.count
        var free = [Double](repeating: 0, count: species), pairs = free, aggregates = free
        var sizeCounts: [Double] = [], chargeCounts = [Double](repeating: 0, count: chargeSlots.count)
        for i in nodeSpecies.indices {
            let r = Int(labels.root(Int32(i))), s = Int(nodeSpecies[i])
            switch size[r] {
            case 1: free[s] += 1
            case 2 where cationsIn[r] == 1: pairs[s] += 1
            default: aggregates[s] += 1
            }
            guard r == i else { continue }
            let k = Int(size[r]) - 1
            if sizeCounts.count <= k {
                sizeCounts.append(contentsOf: repeatElement(0, count: k + 1 - sizeCounts.count))
            }
            sizeCounts[k] += 1
            // Net charges are told apart to 0.001 e.
            let key = Int((charge[r] * 1000).rounded())
            let slot =
                chargeSlots[key]
                ?? {
                    chargeSlots[key] = chargeSlots.count; chargeCounts.append(0); return chargeSlots.count - 1
                }()
            chargeCounts[slot] += 1
        }
        for s in 0..<species {
            let n = Double(speciesCount[s])
            free[s] /= n; pairs[s] /= n; aggregates[s] /= n
        }
        fractions.add(free + pairs + aggregates)
        sizes.add(sizeCounts); charges.add(chargeCounts)
        series.frameIndices.append(index)
        if let time, series.times != nil { series.times!.append(time) } else { series.times = nil }
        for s in 0..<species {
            series.free[s].append(free[s]); series.pairs[s].append(pairs[s]); series.aggregates[s].append(aggregates[s])
        }
    }

    public mutating func finish(_ pass: PassRecord) throws -> ClusterResult {
        var result = try finishResult(warnings: pass.warnings)
        if !chargesKnown {
            result.charges = []
            result.warnings.append(
                "no input gave charges: the clusters' net charges are unknown and left out (give a topology with charges)"
            )
        }
        return result
    }

    mutating func finishResult(warnings: [String]) throws -> ClusterResult {
        let species = speciesCount.count, ions = cations + anions
        let f = fractions.mean(length: 3 * species), fe = fractions.standardErrors(length: 3 * species)
        var warnings = warnings
        if let fe {
            if let doubt = fe.warning("the free, paired and aggregated fractions") { warnings.append(doubt) }
        } else {
            warnings.append(BlockErrors.tooFewFrames(fractions.frames, minimumBlocks))
        }
        func bins(_ series: BlockSeries, values: [Double]) -> [ClusterResult.Bin] {
            let mean = series.mean(length: values.count), errors = series.standardErrors(length: values.count)
            let total = mean.reduce(0, +)
            return values.indices.map {
                ClusterResult.Bin(
                    value: values[$0], perFrame: mean[$0], perFrameError: errors?[$0],
                    fraction: total > 0 ? mean[$0] / total : 0)
            }
            .filter { $0.perFrame > 0 }.sorted { $0.value < $1.value }
        }
        var chargeValues = [Double](repeating: 0, count: chargeSlots.count)
        for (key, slot) in chargeSlots { chargeValues[slot] = Double(key) / 1000 }
        return ClusterResult(
            distanceUnit: lengthUnit, chargeUnit: chargeUnit,
            ions: ions.indices.map {
                .init(
                    name: ions[$0].name, selection: ions[$0].selection, isCation: $0 < cations.count,
                    count: speciesCount[$0], charge: speciesCharge[$0])
            },
            contacts: rules, counting: counting, frames: fractions.frames, minimumBlocks: minimumBlocks,
            fractions: (0..<species).map { s in
                .init(
                    species: ions[s].name, free: f[s], freeError: fe?[s], pairs: f[species + s],
                    pairsError: fe?[species + s],
                    aggregates: f[2 * species + s], aggregatesError: fe?[2 * species + s])
            },
            sizes: bins(sizes, values: (0..<sizes.mean().count).map { Double($0 + 1) }),
            charges: bins(charges, values: chargeValues), series: series, warnings: warnings)
    }
}
