// office-addin-mock imports office-addin-manifest only for the OfficeApp enum; the real package
// pulls in ES modules jest cannot load. This stub provides the enum.
module.exports = {
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
};
