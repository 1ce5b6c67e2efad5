extension ParameterPlot {
    /// Sizes of the layout, in figure units (pixels of the SVG at scale 1).
    enum Layout {
        static let left = 55.0, right = 20.0, panelWidth = 300.0, panelHeight = 230.0, panelGap = 95.0
        static let titleBaseline = 24.0, panelTitleBaseline = 48.0, axisTitleBaseline = 64.0, plotTop = 74.0
        static let titleSize = 10.5, textSize = 7.0, markerSize = 8.0
        static let legendRowHeight = 16.0, noteRowHeight = 14.0, labelGap = 4.0
        static let ink = Colour(hex: 0x222222), grid = Colour(hex: 0xE4E4E4), axis = Colour(hex: 0x444444)

        static var plotBottom: Double { plotTop + panelHeight }
        static func panelLeft(_ index: Int) -> Double { left + Double(index) * (panelWidth + panelGap) }
        static func width(panels: Int) -> Double { left + Double(panels) * panelWidth + Double(panels - 1) * panelGap + right }
        /// The width of `text` in figure units at size `size`, as the raster font sets it.
        static func textWidth(_ text: String, size: Double) -> Double {
            Double(BitmapFont.width(of: text, scale: 1)) * size / Double(BitmapFont.capitalHeight)
        }
    }

    /// The horizontal axis shared by all panels: whole decades covering every point.
    public var parameterRange: (lower: Double, upper: Double) {
        let counts = panels.flatMap { $0.points.map(\.parameters) }
        return PlotAxis.decadeRange(covering: counts.isEmpty ? [1e4, 1e6] : counts)
    }

    /// The axes of panel `index`: parameters on a log scale, PSNR on a linear scale.
    public func axes(ofPanel index: Int) -> (x: PlotAxis, y: PlotAxis) {
        let left = Layout.panelLeft(index)
        let range = parameterRange
        let x = PlotAxis(scale: .logarithmic, lower: range.lower, upper: range.upper, start: left, end: left + Layout.panelWidth)
        let values = panels[index].points.map(\.psnr) + panels[index].baselines.map(\.psnr)
        let psnr = PlotAxis.linearRange(covering: values.isEmpty ? [30] : values, minimumSpan: 1)
        let y = PlotAxis(scale: .linear, lower: psnr.lower, upper: psnr.upper, start: Layout.plotBottom, end: Layout.plotTop)
        return (x, y)
    }

    /// The plot laid out as shapes.
    public func figure() -> Figure {
        precondition(!panels.isEmpty, "a plot needs at least one panel")
        let width = Layout.width(panels: panels.count)
        let legendRows = legendLayout(width: width - Layout.left - Layout.right)
        let legendTop = Layout.plotBottom + 52
        let notesTop = legendTop + Double(max(legendRows.count, 1) - 1) * Layout.legendRowHeight + 6
        let height = notesTop + Double(notes.count) * Layout.noteRowHeight + 8
        var figure = Figure(width: Int(width.rounded(.up)), height: Int(height.rounded(.up)))

        figure.add(.text(title, at: .init(x: width / 2, y: Layout.titleBaseline), anchor: .middle, size: Layout.titleSize, colour: Layout.ink))
        for index in panels.indices {
            drawPanel(index, on: &figure)
        }
        for (row, entries) in legendRows.enumerated() {
            let baseline = legendTop + Double(row) * Layout.legendRowHeight
            for (x, entry) in entries {
                drawLegendEntry(entry, x: x, baseline: baseline, on: &figure)
            }
        }
        for (row, note) in notes.enumerated() {
            figure.add(.text(note, at: .init(x: Layout.left, y: notesTop + Double(row + 1) * Layout.noteRowHeight),
                             anchor: .start, size: Layout.textSize, colour: Layout.ink))
        }
        return figure
    }

    private func drawPanel(_ index: Int, on figure: inout Figure) {
        let panel = panels[index]
        let (x, y) = axes(ofPanel: index)
        let left = x.start, right = x.end, top = Layout.plotTop, bottom = Layout.plotBottom
        let textSize = Layout.textSize

        for tick in y.majorTicks {
            let position = y.position(of: tick)
            figure.add(.line(from: .init(x: left, y: position), to: .init(x: right, y: position), colour: Layout.grid, width: 1, dash: nil))
            figure.add(.text(y.label(for: tick), at: .init(x: left - 6, y: position + textSize / 2), anchor: .end, size: textSize, colour: Layout.ink))
        }
        for tick in x.minorTicks {
            let position = x.position(of: tick)
            figure.add(.line(from: .init(x: position, y: bottom), to: .init(x: position, y: bottom + 3), colour: Layout.axis, width: 1, dash: nil))
        }
        for tick in x.majorTicks {
            let position = x.position(of: tick)
            figure.add(.line(from: .init(x: position, y: top), to: .init(x: position, y: bottom), colour: Layout.grid, width: 1, dash: nil))
            figure.add(.line(from: .init(x: position, y: bottom), to: .init(x: position, y: bottom + 5), colour: Layout.axis, width: 1, dash: nil))
            figure.add(.text(x.label(for: tick), at: .init(x: position, y: bottom + 16), anchor: .middle, size: textSize, colour: Layout.ink))
        }
        figure.add(.line(from: .init(x: left, y: bottom), to: .init(x: right, y: bottom), colour: Layout.axis, width: 1, dash: nil))
        figure.add(.line(from: .init(x: left, y: top), to: .init(x: left, y: bottom), colour: Layout.axis, width: 1, dash: nil))

        figure.add(.text(panel.title, at: .init(x: left, y: Layout.panelTitleBaseline), anchor: .start, size: textSize, colour: Layout.ink))
        figure.add(.text("PSNR (dB)", at: .init(x: left - 6, y: Layout.axisTitleBaseline), anchor: .start, size: textSize, colour: Layout.ink))
        figure.add(.text("learned parameters (log scale)", at: .init(x: (left + right) / 2, y: bottom + 32),
                         anchor: .middle, size: textSize, colour: Layout.ink))

        for baseline in panel.baselines {
            let position = y.position(of: baseline.psnr)
            figure.add(.line(from: .init(x: left, y: position), to: .init(x: right, y: position),
                             colour: Self.baselineColour, width: 1.5, dash: 5))
            figure.add(.text(baseline.label, at: .init(x: right - 3, y: position - 4), anchor: .end, size: textSize,
                             colour: Self.baselineColour))
        }
        for point in panel.points {
            let centre = Figure.Point(x: x.position(of: point.parameters), y: y.position(of: point.psnr))
            figure.add(.marker(point.style.shape, at: centre, size: Layout.markerSize, colour: point.style.colour,
                               filled: point.style.filled))
            let offset = Layout.markerSize / 2 + Layout.labelGap
            let label: (Figure.Point, Figure.TextAnchor)
            switch point.labelPlacement {
            case .right: label = (.init(x: centre.x + offset, y: centre.y + textSize / 2), .start)
            case .left: label = (.init(x: centre.x - offset, y: centre.y + textSize / 2), .end)
            case .above: label = (.init(x: centre.x, y: centre.y - offset), .middle)
            case .below: label = (.init(x: centre.x, y: centre.y + offset + textSize), .middle)
            }
            figure.add(.text(point.label, at: label.0, anchor: label.1, size: textSize, colour: Layout.ink))
        }
    }

    /// The legend entries with their left ends, wrapped into rows that fit `width`.
    private func legendLayout(width: Double) -> [[(Double, LegendEntry)]] {
        var rows: [[(Double, LegendEntry)]] = []
        var row: [(Double, LegendEntry)] = []
        var x = Layout.left
        for entry in legend {
            let entryWidth = 22 + Layout.textWidth(entry.text, size: Layout.textSize) + 18
            if !row.isEmpty, x + entryWidth > Layout.left + width {
                rows.append(row)
                row = []
                x = Layout.left
            }
            row.append((x, entry))
            x += entryWidth
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    private func drawLegendEntry(_ entry: LegendEntry, x: Double, baseline: Double, on figure: inout Figure) {
        let middle = baseline - Layout.textSize / 2
        if let style = entry.style {
            figure.add(.marker(style.shape, at: .init(x: x + 8, y: middle), size: Layout.markerSize, colour: style.colour,
                               filled: style.filled))
        } else {
            figure.add(.line(from: .init(x: x, y: middle), to: .init(x: x + 16, y: middle), colour: Self.baselineColour,
                             width: 1.5, dash: 4))
        }
        figure.add(.text(entry.text, at: .init(x: x + 22, y: baseline), anchor: .start, size: Layout.textSize, colour: Layout.ink))
    }
}
