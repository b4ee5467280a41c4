"""The UBL elements and attributes that EN 16931 and CIUS-RO leave out (UBL-CR-*, UBL-DT-08..28).

One run per line: the first rule id, the parent path, a colon, then the names it forbids, which
take consecutive rule ids (``CR-003 .: cbc:ProfileExecutionID cbc:CopyIndicator`` is UBL-CR-003
and UBL-CR-004). Indented lines continue a run. Paths start at the root element (``.`` is the
root itself); ``//`` means anywhere in the document; ``LINE`` is an ``InvoiceLine`` or a
``CreditNoteLine``; ``@name`` is an attribute. The ids and paths are the facts of the official
UBL syntax binding; the layout is ours. UBL-CR-002, -412, -665, -666 and -673 have conditions
and live in :mod:`._root`.

>>> TABLE.splitlines()[0]
'CR-001 .: ext:UBLExtensions'
"""

from __future__ import annotations

__all__ = ["TABLE"]

TABLE = """\
CR-001 .: ext:UBLExtensions
CR-003 .: cbc:ProfileExecutionID cbc:CopyIndicator cbc:UUID cbc:IssueTime
    cbc:PricingCurrencyCode cbc:PaymentCurrencyCode cbc:PaymentAlternativeCurrencyCode
    cbc:AccountingCostCode cbc:LineCountNumeric
CR-012 cac:InvoicePeriod: cbc:StartTime cbc:EndTime cbc:DurationMeasure cbc:Description
CR-016 cac:OrderReference: cbc:CopyIndicator cbc:UUID cbc:IssueDate cbc:IssueTime
    cbc:CustomerReference cbc:OrderTypeCode cac:DocumentReference
CR-023 cac:BillingReference/cac:InvoiceDocumentReference: cbc:CopyIndicator cbc:UUID
    cbc:IssueTime cbc:DocumentTypeCode cbc:DocumentType cbc:XPath cbc:LanguageID
    cbc:LocaleCode cbc:VersionID cbc:DocumentStatusCode cbc:DocumentDescription
    cac:Attachment cac:ValidityPeriod cac:IssuerParty cac:ResultOfVerification
CR-038 cac:BillingReference: cac:SelfBilledInvoiceDocumentReference
    cac:CreditNoteDocumentReference cac:SelfBilledCreditNoteDocumentReference
    cac:DebitNoteDocumentReference cac:ReminderDocumentReference
    cac:AdditionalDocumentReference cac:BillingReferenceLine
CR-045 cac:DespatchDocumentReference: cbc:CopyIndicator cbc:UUID cbc:IssueDate cbc:IssueTime
    cbc:DocumentTypeCode cbc:DocumentType cbc:XPath cbc:LanguageID cbc:LocaleCode
    cbc:VersionID cbc:DocumentStatusCode cbc:DocumentDescription cac:Attachment
    cac:ValidityPeriod cac:IssuerParty cac:ResultOfVerification
CR-061 cac:ReceiptDocumentReference: cbc:CopyIndicator cbc:UUID cbc:IssueDate cbc:IssueTime
    cbc:DocumentTypeCode cbc:DocumentType cbc:XPath cbc:LanguageID cbc:LocaleCode
    cbc:VersionID cbc:DocumentStatusCode cbc:DocumentDescription cac:Attachment
    cac:ValidityPeriod cac:IssuerParty cac:ResultOfVerification
CR-077 .: cac:StatementDocumentReference
CR-078 cac:OriginatorDocumentReference: cbc:CopyIndicator cbc:UUID cbc:IssueDate
    cbc:IssueTime cbc:DocumentTypeCode cbc:DocumentType cbc:XPath cbc:LanguageID
    cbc:LocaleCode cbc:VersionID cbc:DocumentStatusCode cbc:DocumentDescription
    cac:Attachment cac:ValidityPeriod cac:IssuerParty cac:ResultOfVerification
CR-094 cac:ContractDocumentReference: cbc:CopyIndicator cbc:UUID cbc:IssueDate cbc:IssueTime
    cbc:DocumentTypeCode cbc:DocumentType cbc:XPath cbc:LanguageID cbc:LocaleCode
    cbc:VersionID cbc:DocumentStatusCode cbc:DocumentDescription cac:Attachment
    cac:ValidityPeriod cac:IssuerParty cac:ResultOfVerification
CR-110 cac:AdditionalDocumentReference: cbc:CopyIndicator cbc:UUID cbc:IssueDate
    cbc:IssueTime cbc:DocumentType cbc:XPath cbc:LanguageID cbc:LocaleCode cbc:VersionID
    cbc:DocumentStatusCode
CR-121 cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference:
    cbc:DocumentHash cbc:HashAlgorithmMethod cbc:ExpiryDate cbc:ExpiryTime cbc:MimeCode
    cbc:FormatCode cbc:EncodingCode cbc:CharacterSetCode cbc:FileName cbc:Description
CR-131 cac:AdditionalDocumentReference: cac:ValidityPeriod cac:IssuerParty
    cac:ResultOfVerification
CR-134 cac:ProjectReference: cbc:UUID cbc:IssueDate cac:WorkPhaseReference
CR-137 .: cac:Signature
CR-138 cac:AccountingSupplierParty: cbc:CustomerAssignedAccountID cbc:AdditionalAccountID
    cbc:DataSendingCapability
CR-141 cac:AccountingSupplierParty/cac:Party: cbc:MarkCareIndicator
    cbc:MarkAttentionIndicator cbc:WebsiteURI cbc:LogoReferenceID
    cbc:IndustryClassificationCode cac:Language
CR-147 cac:AccountingSupplierParty/cac:Party/cac:PostalAddress: cbc:ID cbc:AddressTypeCode
    cbc:AddressFormatCode cbc:Postbox cbc:Floor cbc:Room cbc:BlockName cbc:BuildingName
    cbc:BuildingNumber cbc:InhouseMail cbc:Department cbc:MarkAttention cbc:MarkCare
    cbc:PlotIdentification cbc:CitySubdivisionName cbc:CountrySubentityCode cbc:Region
    cbc:District cbc:TimezoneOffset
CR-166 cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country: cbc:Name
CR-167 cac:AccountingSupplierParty/cac:Party/cac:PostalAddress: cac:LocationCoordinate
CR-168 cac:AccountingSupplierParty/cac:Party: cac:PhysicalLocation
CR-169 cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme: cbc:RegistrationName
    cbc:TaxLevelCode cbc:ExemptionReasonCode cbc:ExemptionReason cac:RegistrationAddress
CR-174 cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme: cbc:Name
    cbc:TaxTypeCode cbc:CurrencyCode cac:JurisdictionRegionAddress
CR-178 cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity: cbc:RegistrationDate
    cbc:RegistrationExpirationDate cbc:CompanyLegalFormCode cbc:SoleProprietorshipIndicator
    cbc:CompanyLiquidationStatusCode cbc:CorporateStockAmount cbc:FullyPaidSharesIndicator
    cac:RegistrationAddress cac:CorporateRegistrationScheme cac:HeadOfficeParty
    cac:ShareholderParty
CR-189 cac:AccountingSupplierParty/cac:Party/cac:Contact: cbc:ID cbc:Telefax cbc:Note
    cac:OtherCommunication
CR-193 cac:AccountingSupplierParty/cac:Party: cac:Person cac:AgentParty
    cac:ServiceProviderParty cac:PowerOfAttorney cac:FinancialAccount
CR-198 cac:AccountingSupplierParty: cac:DespatchContact cac:AccountingContact
    cac:SellerContact
CR-201 cac:AccountingCustomerParty: cbc:CustomerAssignedAccountID
    cbc:SupplierAssignedAccountID cbc:AdditionalAccountID
CR-204 cac:AccountingCustomerParty/cac:Party: cbc:MarkCareIndicator
    cbc:MarkAttentionIndicator cbc:WebsiteURI cbc:LogoReferenceID
    cbc:IndustryClassificationCode cac:Language
CR-210 cac:AccountingCustomerParty/cac:Party/cac:PostalAddress: cbc:ID cbc:AddressTypeCode
    cbc:AddressFormatCode cbc:Postbox cbc:Floor cbc:Room cbc:BlockName cbc:BuildingName
    cbc:BuildingNumber cbc:InhouseMail cbc:Department cbc:MarkAttention cbc:MarkCare
    cbc:PlotIdentification cbc:CitySubdivisionName cbc:CountrySubentityCode cbc:Region
    cbc:District cbc:TimezoneOffset
CR-229 cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country: cbc:Name
CR-230 cac:AccountingCustomerParty/cac:Party/cac:PostalAddress: cac:LocationCoordinate
CR-231 cac:AccountingCustomerParty/cac:Party: cac:PhysicalLocation
CR-232 cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme: cbc:RegistrationName
    cbc:TaxLevelCode cbc:ExemptionReasonCode cbc:ExemptionReason cac:RegistrationAddress
CR-237 cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme: cbc:Name
    cbc:TaxTypeCode cbc:CurrencyCode cac:JurisdictionRegionAddress
CR-241 cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity: cbc:RegistrationDate
    cbc:RegistrationExpirationDate cbc:CompanyLegalFormCode cbc:CompanyLegalForm
    cbc:SoleProprietorshipIndicator cbc:CompanyLiquidationStatusCode
    cbc:CorporateStockAmount cbc:FullyPaidSharesIndicator cac:RegistrationAddress
    cac:CorporateRegistrationScheme cac:HeadOfficeParty cac:ShareholderParty
CR-253 cac:AccountingCustomerParty/cac:Party/cac:Contact: cbc:ID cbc:Telefax cbc:Note
    cac:OtherCommunication
CR-257 cac:AccountingCustomerParty/cac:Party: cac:Person cac:AgentParty
    cac:ServiceProviderParty cac:PowerOfAttorney cac:FinancialAccount
CR-262 cac:AccountingCustomerParty: cac:DeliveryContact cac:AccountingContact
    cac:BuyerContact
CR-265 cac:PayeeParty: cbc:MarkCareIndicator cbc:MarkAttentionIndicator cbc:WebsiteURI
    cbc:LogoReferenceID cbc:EndpointID cbc:IndustryClassificationCode cac:Language
    cac:PostalAddress cac:PhysicalLocation cac:PartyTaxScheme
CR-275 cac:PayeeParty/cac:PartyLegalEntity: cbc:RegistrationName cbc:RegistrationDate
    cbc:RegistrationExpirationDate cbc:CompanyLegalFormCode cbc:CompanyLegalForm
    cbc:SoleProprietorshipIndicator cbc:CompanyLiquidationStatusCode
    cbc:CorporateStockAmount cbc:FullyPaidSharesIndicator cac:RegistrationAddress
    cac:CorporateRegistrationScheme cac:HeadOfficeParty cac:ShareholderParty
CR-288 cac:PayeeParty: cac:Contact cac:Person cac:AgentParty cac:ServiceProviderParty
    cac:PowerOfAttorney cac:FinancialAccount
CR-294 .: cac:BuyerCustomerParty cac:SellerSupplierParty
CR-296 cac:TaxRepresentativeParty: cbc:MarkCareIndicator cbc:MarkAttentionIndicator
    cbc:WebsiteURI cbc:LogoReferenceID cbc:EndpointID cbc:IndustryClassificationCode
    cac:PartyIdentification cac:Language
CR-304 cac:TaxRepresentativeParty/cac:PostalAddress: cbc:ID cbc:AddressTypeCode
    cbc:AddressFormatCode cbc:Postbox cbc:Floor cbc:Room cbc:BlockName cbc:BuildingName
    cbc:BuildingNumber cbc:InhouseMail cbc:Department cbc:MarkAttention cbc:MarkCare
    cbc:PlotIdentification cbc:CitySubdivisionName cbc:CountrySubentityCode cbc:Region
    cbc:District cbc:TimezoneOffset
CR-323 cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country: cbc:Name
CR-324 cac:TaxRepresentativeParty/cac:PostalAddress: cac:LocationCoordinate
CR-325 cac:TaxRepresentativeParty: cac:PhysicalLocation
CR-326 cac:TaxRepresentativeParty/cac:PartyTaxScheme: cbc:RegistrationName cbc:TaxLevelCode
    cbc:ExemptionReasonCode cbc:ExemptionReason cac:RegistrationAddress
CR-331 cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme: cbc:Name cbc:TaxTypeCode
    cbc:CurrencyCode cac:JurisdictionRegionAddress
CR-335 cac:TaxRepresentativeParty: cac:PartyLegalEntity cac:Contact cac:Person
    cac:AgentParty cac:ServiceProviderParty cac:PowerOfAttorney cac:FinancialAccount
CR-342 cac:Delivery: cbc:ID cbc:Quantity cbc:MinimumQuantity cbc:MaximumQuantity
    cbc:ActualDeliveryTime cbc:LatestDeliveryDate cbc:LatestDeliveryTime cbc:ReleaseID
    cbc:TrackingID
CR-351 cac:Delivery/cac:DeliveryLocation: cbc:Description cbc:Conditions
    cbc:CountrySubentity cbc:CountrySubentityCode cbc:LocationTypeCode cbc:InformationURI
    cbc:Name cac:ValidityPeriod
CR-359 cac:Delivery/cac:DeliveryLocation/cac:Address: cbc:ID cbc:AddressTypeCode
    cbc:AddressFormatCode cbc:Postbox cbc:Floor cbc:Room cbc:BlockName cbc:BuildingName
    cbc:BuildingNumber cbc:InhouseMail cbc:Department cbc:MarkAttention cbc:MarkCare
    cbc:PlotIdentification cbc:CitySubdivisionName cbc:CountrySubentityCode cbc:Region
    cbc:District cbc:TimezoneOffset
CR-378 cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country: cbc:Name
CR-379 cac:Delivery/cac:DeliveryLocation/cac:Address: cac:LocationCoordinate
CR-380 cac:Delivery/cac:DeliveryLocation: cac:SubsidiaryLocation cac:LocationCoordinate
CR-382 cac:Delivery: cac:AlternativeDeliveryLocation cac:RequestedDeliveryPeriod
    cac:EstimatedDeliveryPeriod cac:CarrierParty
CR-386 cac:Delivery/cac:DeliveryParty: cbc:MarkCareIndicator cbc:MarkAttentionIndicator
    cbc:WebsiteURI cbc:LogoReferenceID cbc:EndpointID cbc:IndustryClassificationCode
    cac:PartyIdentification cac:Language cac:PostalAddress cac:PhysicalLocation
    cac:PartyTaxScheme cac:PartyLegalEntity cac:Contact cac:Person cac:AgentParty
    cac:ServiceProviderParty cac:PowerOfAttorney cac:FinancialAccount
CR-404 cac:Delivery: cac:NotifyParty cac:Despatch cac:DeliveryTerms cac:MinimumDeliveryUnit
    cac:MaximumDeliveryUnit cac:Shipment
CR-410 .: cac:DeliveryTerms
CR-411 cac:PaymentMeans: cbc:ID
CR-413 cac:PaymentMeans: cbc:PaymentChannelCode cbc:InstructionID
CR-415 cac:PaymentMeans/cac:CardAccount: cbc:CardTypeCode cbc:ValidityStartDate
    cbc:ExpiryDate cbc:IssuerID cbc:IssueNumberID cbc:CV2ID cbc:CardChipCode
    cbc:ChipApplicationID
CR-424 cac:PaymentMeans/cac:PayeeFinancialAccount: cbc:AliasName cbc:AccountTypeCode
    cbc:AccountFormatCode cbc:CurrencyCode cbc:PaymentNote
CR-429 cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch: cbc:Name
CR-430
    cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution:
    cbc:Name cac:Address
CR-432 cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch:
    cac:Address
CR-433 cac:PaymentMeans/cac:PayeeFinancialAccount: cac:Country
CR-434 cac:PaymentMeans: cac:CreditAccount
CR-435 cac:PaymentMeans/cac:PaymentMandate: cbc:MandateTypeCode
    cbc:MaximumPaymentInstructionsNumeric cbc:MaximumPaidAmount cbc:SignatureID
    cac:PayerParty
CR-440 cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount: cbc:Name cbc:AliasName
    cbc:AccountTypeCode cbc:AccountFormatCode cbc:CurrencyCode cbc:PaymentNote
    cac:FinancialInstitutionBranch cac:Country
CR-448 cac:PaymentMeans/cac:PaymentMandate: cac:ValidityPeriod cac:PaymentReversalPeriod
    cac:Clause
CR-451 cac:PaymentMeans: cac:TradeFinancing
CR-452 cac:PaymentTerms: cbc:ID cbc:PaymentMeansID cbc:PrepaidPaymentReferenceID
    cbc:ReferenceEventCode cbc:SettlementDiscountPercent cbc:PenaltySurchargePercent
    cbc:PaymentPercent cbc:Amount cbc:SettlementDiscountAmount cbc:PenaltyAmount
    cbc:PaymentTermsDetailsURI cbc:PaymentDueDate cbc:InstallmentDueDate
    cbc:InvoicingPartyReference cac:SettlementPeriod cac:PenaltyPeriod cac:ExchangeRate
    cac:ValidityPeriod
CR-470 .: cac:PrepaidPayment
CR-471 cac:AllowanceCharge: cbc:ID cbc:PrepaidIndicator cbc:SequenceNumeric
    cbc:AccountingCostCode cbc:AccountingCost cbc:PerUnitAmount
CR-477 cac:AllowanceCharge/cac:TaxCategory: cbc:Name cbc:BaseUnitMeasure cbc:PerUnitAmount
    cbc:TaxExemptionReasonCode cbc:TaxExemptionReason cbc:TierRange cbc:TierRatePercent
CR-484 cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme: cbc:Name cbc:TaxTypeCode
    cbc:CurrencyCode cac:JurisdiccionRegionAddress
CR-488 cac:AllowanceCharge: cac:TaxTotal cac:PaymentMeans
CR-490 .: cac:TaxExchangeRate cac:PricingExchangeRate cac:PaymentExchangeRate
    cac:PaymentAlternativeExchangeRate
CR-494 cac:TaxTotal: cbc:RoundingAmount cbc:TaxEvidenceIndicator cbc:TaxIncludedIndicator
CR-497 cac:TaxTotal/cac:TaxSubtotal: cbc:CalculationSequenceNumeric
    cbc:TransactionCurrencyTaxAmount cbc:Percent cbc:BaseUnitMeasure cbc:PerUnitAmount
    cbc:TierRange cbc:TierRatePercent
CR-504 cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory: cbc:Name cbc:BaseUnitMeasure
    cbc:PerUnitAmount cbc:TierRange cbc:TierRatePercent
CR-509 cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme: cbc:Name cbc:TaxTypeCode
    cbc:CurrencyCode cac:JurisdictionRegionAddress
CR-513 .: cac:WithholdingTaxTotal
CR-514 cac:LegalMonetaryTotal: cbc:PayableAlternativeAmount
CR-515 LINE: cbc:UUID cbc:TaxPointDate cbc:AccountingCostCode cbc:PaymentPurposeCode
    cbc:FreeOfChargeIndicator
CR-520 LINE/cac:InvoicePeriod: cbc:StartTime cbc:EndTime cbc:DurationMeasure
    cbc:DescriptionCode cbc:Description
CR-525 LINE/cac:OrderLineReference: cbc:SalesOrderLineID cbc:UUID cbc:LineStatusCode
    cac:OrderReference
CR-529 LINE: cac:DespatchLineReference cac:ReceiptLineReference cac:BillingReference
CR-532 LINE/cac:DocumentReference: cbc:CopyIndicator cbc:UUID cbc:IssueDate cbc:IssueTime
CR-537 LINE/cac:DocumentReference: cbc:DocumentType cbc:XPath cbc:LanguageID cbc:LocaleCode
    cbc:VersionID cbc:DocumentStatusCode cbc:DocumentDescription cac:Attachment
    cac:ValidityPeriod cac:IssuerParty cac:ResultOfVerification
CR-548 LINE: cac:PricingReference cac:OriginatorParty cac:Delivery cac:PaymentTerms
CR-552 LINE/cac:AllowanceCharge: cbc:ID cbc:PrepaidIndicator cbc:SequenceNumeric
    cbc:AccountingCostCode cbc:AccountingCost cbc:PerUnitAmount cac:TaxCategory cac:TaxTotal
    cac:PaymentMeans
CR-561 LINE: cac:TaxTotal cac:WithholdingTaxTotal
CR-563 LINE/cac:Item: cbc:PackQuantity cbc:PackSizeNumeric cbc:CatalogueIndicator
    cbc:HazardousRiskIndicator cbc:AdditionalInformation cbc:Keyword cbc:BrandName
    cbc:ModelName
CR-571 LINE/cac:Item/cac:BuyersItemIdentification: cbc:ExtendedID cbc:BarecodeSymbologyID
    cac:PhysicalAttribute cac:MeasurementDimension cac:IssuerParty
CR-576 LINE/cac:Item/cac:SellersItemIdentification: cbc:ExtendedID cbc:BarecodeSymbologyID
    cac:PhysicalAttribute cac:MeasurementDimension cac:IssuerParty
CR-581 LINE/cac:Item: cac:ManufacturersItemIdentification
CR-582 LINE/cac:Item/cac:StandardItemIdentification: cbc:ExtendedID cbc:BarecodeSymbologyID
    cac:PhysicalAttribute cac:MeasurementDimension cac:IssuerParty
CR-587 LINE/cac:Item: cac:CatalogueItemIdentification cac:AdditionalItemIdentification
    cac:CatalogueDocumentReference cac:ItemSpecificationDocumentReference
CR-591 LINE/cac:Item/cac:OriginCountry: cbc:Name
CR-592 LINE/cac:Item/cac:CommodityClassification: cbc:NatureCode cbc:CargoTypeCode
    cbc:CommodityCode
CR-595 LINE/cac:Item: cac:TransactionConditions cac:HazardousItem
CR-597 LINE/cac:Item/cac:ClassifiedTaxCategory: cbc:Name cbc:BaseUnitMeasure
    cbc:PerUnitAmount cbc:TaxExemptionReasonCode cbc:TaxExemptionReason cbc:TierRange
    cbc:TierRatePercent
CR-604 LINE/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme: cbc:Name cbc:TaxTypeCode
    cbc:CurrencyCode cac:JurisdictionRegionAddress
CR-608 LINE/cac:Item/cac:AdditionalItemProperty: cbc:ID cbc:NameCode cbc:TestMethod
    cbc:ValueQuantity cbc:ValueQualifier cbc:ImportanceCode cbc:ListValue
    cac:UsabilityPeriod cac:ItemPropertyGroup cac:RangeDimension cac:ItemPropertyRange
CR-619 LINE/cac:Item: cac:ManufacturerParty cac:InformationContentProviderParty
    cac:OriginAddress cac:ItemInstance cac:Certificate cac:Dimension
CR-625 LINE/cac:Price: cbc:PriceChangeReason cbc:PriceTypeCode cbc:PriceType
    cbc:OrderableUnitFactorRate cbc:ValidityPeriod cbc:PriceList cbc:OrderableUnitFactorRate
CR-632 LINE/cac:Price/cac:AllowanceCharge: cbc:ID cbc:AllowanceChargeReasonCode
    cbc:AllowanceChargeReason cbc:MultiplierFactorNumeric cbc:PrepaidIndicator
    cbc:SequenceNumeric cbc:AccountingCostCode cbc:AccountingCost cbc:PerUnitAmount
    cac:TaxCategory cac:TaxTotal cac:PaymentMeans
CR-644 LINE/cac:Price: cac:PricingExchangeRate
CR-645 LINE: cac:DeliveryTerms cac:SubInvoiceLine cac:ItemPriceExtension
CR-648 cbc:CustomizationID: @schemeID
CR-649 cbc:ProfileID: @schemeID
CR-650 cbc:ID: @schemeID
CR-651 cbc:SalesOrderID: @schemeID
CR-652 //cac:PartyTaxScheme/cbc:CompanyID: @schemeID
CR-653 cac:PaymentMeans/cbc:PaymentID: @schemeID
CR-654 cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID: @schemeID
CR-655 cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID:
    @schemeID
CR-656 cbc:InvoiceTypeCode: @listID
CR-657 cbc:DocumentCurrencyCode: @listID
CR-658 cbc:TaxCurrencyCode: @listID
CR-659 cac:AdditionalDocumentReference/cbc:DocumentTypeCode: @listID
CR-660 //cac:Country/cbc:IdentificationCode: @listID
CR-661 cac:PaymentMeans/cbc:PaymentMeansCode: @listID
CR-662 //cbc:AllowanceChargeReasonCode: @listID
CR-663 //: @unitCodeListID cac:FinancialInstitution
CR-667 //cac:BuyersItemIdentification/cbc:ID: @schemeID
CR-668 //cac:SellersItemIdentification/cbc:ID: @schemeID
CR-669 //cac:Price/cac:AllowanceCharge: cbc:AllowanceChargeReasonCode
    cbc:AllowanceChargeReason cbc:MultiplierFactorNumeric
CR-672 cbc:CreditNoteTypeCode: @listID
CR-674 //cbc:PrimaryAccountNumber: @schemeID
CR-675 //cac:CardAccount/cbc:NetworkID: @schemeID
CR-676 //cac:PaymentMandate/cbc:ID: @schemeID
CR-677 //cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID: @schemeID
CR-678 //cac:TaxCategory/cbc:ID: @schemeID
CR-679 //cac:ClassifiedTaxCategory/cbc:ID: @schemeID
CR-680 //cac:PaymentMeans: cac:PayerFinancialAccount
CR-681 cac:PaymentMeans: cbc:InstructionNote
CR-682 cac:Delivery: cac:DeliveryAddress
DT-08 //: @schemeName @schemeAgencyName @schemeDataURI @schemeURI @format
    @unitCodeListIdentifier @unitCodeListAgencyIdentifier @unitCodeListAgencyName
    @listAgencyName @listName
DT-19 //: @languageID @listURI @listSchemeURI @languageLocaleID @uri
    @currencyCodeListVersionID @characterSetCode @encodingCode @schemeAgencyID @listAgencyID
"""
